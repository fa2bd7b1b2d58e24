/**
 * The network engine: a topology of hosts, VMs, LAN devices, virtual routers and the internet,
 * with VirtualBox attachment modes and OpenStack (Neutron) project networking.
 *
 *   loadScenario(text)            YAML/JSON → Result<Topology>   (content/scenarios/network/*.yaml)
 *   prepareTopology(t)            tables built and query code warm before the first question
 *   canConnect(t, query)          → Result<Verdict>: ok + path hop by hop, or the first block
 *                                   (query: from, to, protocol by name or number, port for TCP/UDP,
 *                                   optionally the destination address the source uses)
 *   destinationAddresses(t, a, b) → the addresses a could dial for b (floating IP, LAN, 10.0.2.2…)
 *   reachabilityMatrix(t, opts)   → Result<Matrix>: all pairs for one port (or a ping)
 *   whatWouldFix(t, query)        → Result<FixReport>: verified single changes; planFix for a sequence
 *   apply(t, action)              → Result<{ state, events }>: pure, validated edits
 *   toGraph(t), highlightFor(v)   → plain nodes/edges with stable ids, and what to highlight
 *   lint(t)                       → warnings (typo'd internal network names, privileged ports…)
 *   describe*(…) / hintFor(…)     → English rendered from reason codes
 *
 * Rules and their sources: SPEC.md next to this file.
 */
export type * from './types';
export { INTERNET, NIC_MODES, VIRTUALBOX_MODES, CLOUD_MODES, MODES_WITH_NETWORK } from './types';
export type * from './verdict';
export { STAGE } from './verdict';
export type { Action, ActionType, PortForwardSpec, SecurityGroupRuleSpec, NetworkEvent, EventCode } from './actions';

export { loadScenario, topologyFrom } from './scenario';
export { canConnect, checkQuery, endpointIds } from './reachability';
export { prepareTopology } from './prepare';
export { destinationAddresses, type Destination } from './destinations';
export { reachabilityMatrix, type Matrix, type MatrixCell } from './matrix';
export { cellOutcome, diffMatrices, type CellChange, type CellOutcome, type MatrixDiff } from './matrix-diff';
export { whatWouldFix, planFix, type Fix, type FixReport } from './fixes';
export { apply, applyAll, type Applied } from './apply';
export { toGraph, highlightFor, type Graph, type GraphNode, type GraphEdge, type GraphNodeKind, type GraphEdgeMode, type Highlight } from './graph';
export { edgeIds } from './graph-ids';
export { lint, type Warning, type WarningCode } from './warnings';
export {
  describeAction,
  describeBlock,
  describeEvent,
  describeHop,
  describeHopNamed,
  describeQuery,
  describeVerdict,
  firewallEntryText,
  describeWarning,
  hintFor,
  modeName,
  BLOCK_CODES,
  EVENT_CODES,
  WARNING_CODES,
} from './explain';
export { natAddressing, DEFAULT_VIRTUALBOX_VERSION, localhostReachableByDefault } from './defaults';
export { parseIpProtocol, protocolLabel, protocolNumber, hasPorts, IP_PROTOCOL_NUMBERS } from './protocols';
export { flowText } from './filters';
export { nicAddressing, type NicAddressing } from './nic-addressing';
export { INTERNET_SERVER_ADDRESS } from './entries';
export { generateTopology, type GenerateOptions } from './generate';
