import type { Params, Reason } from './types';

/** Why a step was refused. The state is then returned unchanged (SPEC E1). */
export type RefusalCode =
  | 'UNKNOWN_VM'
  | 'UNKNOWN_SNAPSHOT'
  | 'NO_SNAPSHOTS'
  | 'NO_CURRENT_SNAPSHOT'
  | 'NAME_EMPTY'
  | 'NAME_TAKEN'
  | 'NAME_RESERVED'
  | 'NAME_INVALID'
  | 'UNIQUE_NAME_EXHAUSTED'
  | 'VM_NAME_TAKEN'
  | 'VMID_TAKEN'
  | 'RESTORE_WHILE_RUNNING'
  | 'SNAPSHOT_HAS_CHILDREN'
  | 'CURRENT_SNAPSHOT_HAS_CHILD'
  | 'SNAPSHOT_HAS_LINKED_CLONES'
  | 'NOT_MOST_RECENT'
  | 'IS_TEMPLATE'
  | 'TEMPLATE_HAS_SNAPSHOTS'
  | 'TEMPLATE_RUNNING'
  | 'ALREADY_TEMPLATE'
  | 'BASE_DISK_LOST'
  | 'ALREADY_RUNNING'
  | 'NOT_RUNNING'
  | 'NOT_PAUSED'
  | 'NOT_SAVED'
  | 'VM_PAUSED'
  | 'SETTINGS_LOCKED'
  | 'INVALID_SETTING'
  | 'NOTHING_TO_CHANGE'
  | 'LINKED_CLONE_NEEDS_SNAPSHOT'
  | 'LINKED_CLONE_NEEDS_TEMPLATE'
  | 'FULL_CLONE_FROM_SNAPSHOT_UNSUPPORTED'
  | 'CLONE_SOURCE_RUNNING'
  | 'UNSUPPORTED_ON_PLATFORM'
  | 'GUEST_NOT_RUNNING'
  | 'GUEST_PANICKED'
  | 'FILE_NOT_FOUND'
  | 'IS_A_DIRECTORY'
  | 'PRESERVE_ROOT'
  | 'PACKAGE_UNKNOWN'
  | 'SERVICE_UNKNOWN'
  | 'SERVICE_NOT_ACTIVE'
  | 'UNKNOWN_DISK'
  | 'MEDIUM_LOCKED'
  | 'MEDIUM_ATTACHED'
  | 'MEDIUM_HAS_CHILDREN'
  | 'MEDIUM_DIFFERENCING'
  | 'SHAREABLE_NEEDS_FIXED'
  | 'MEDIUM_READONLY'
  | 'SNAPSHOT_LOCATION_MIXED'
  | 'EXTERNAL_REQUIRED'
  | 'MEMORY_NEEDS_RUNNING'
  | 'OVERLAY_EXISTS'
  | 'REVERT_EXTERNAL_UNSUPPORTED'
  | 'DELETE_EXTERNAL_UNSUPPORTED'
  | 'EXTERNAL_DELETE_RESTRICTED'
  | 'INTERNAL_DISK_CHANGED'
  | 'INTERNAL_UNDER_EXTERNAL'
  // The machine model (SPEC M6-M16)
  | 'VM_NAME_INVALID'
  | 'SETTINGS_FILE_NOT_FOUND'
  | 'VM_LOCKED'
  | 'NETWORK_NOT_FOUND'
  | 'NIC_NOT_PRESENT'
  | 'FORWARD_NOT_FOUND'
  | 'FORWARD_EXISTS'
  | 'MEDIUM_NOT_FOUND'
  | 'MEDIUM_EXISTS'
  | 'MEDIUM_WRONG_TYPE'
  | 'DISK_IN_USE'
  | 'CONTROLLER_NOT_FOUND'
  | 'CONTROLLER_EXISTS'
  | 'CONTROLLER_TYPE'
  | 'NOTHING_ATTACHED'
  | 'HOTPLUG_UNSUPPORTED'
  | 'EMPTY_NEEDS_DVD'
  | 'NOT_INSTALLING'
  | 'NO_DISK_FOR_INSTALL'
  | 'MAXMEM_LIVE'
  | 'ABOVE_MAXIMUM'
  | 'AGENT_NOT_RUNNING'
  | 'INVALID_ACTION'
  | 'NAME_TOO_LONG';

export type Refusal = Reason<RefusalCode>;

/** Advice about the state, not an error (SPEC W*). */
export type WarningCode =
  | 'LONG_CHAIN'
  | 'STALE_SNAPSHOT'
  | 'NOT_A_BACKUP'
  | 'LINKED_CLONE_DEPENDS'
  | 'CONFIG_CHANGED_NOT_RELOADED'
  | 'PENDING_SETTINGS'
  | 'SERVICE_FAILED';

export type Warning = Reason<WarningCode>;

/** Why a service could not start (the daemon's own diagnosis). */
export type ServiceFailureCode = 'CONFIG_INVALID' | 'BINARY_MISSING' | 'NOT_INSTALLED';

/** Why the guest would not boot. */
export type PanicCode = 'NO_INIT' | 'NO_BOOTABLE_MEDIUM' | 'INSTALLER';

export const refusal = (code: RefusalCode, params: Params = {}): Refusal => ({ code, params });
export const warning = (code: WarningCode, params: Params = {}): Warning => ({ code, params });
