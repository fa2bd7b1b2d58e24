/**
 * What the network lab island uses from the engine, imported module by module so the browser
 * never loads the scenario loader (YAML and zod stay at build time; presets arrive as plain JSON).
 */
export type { Issue } from '../../sim/core/issues';
export type { Action, NetworkEvent, PortForwardSpec, SecurityGroupRuleSpec } from '../../sim/network/actions';
export { apply } from '../../sim/network/apply';
export { canConnect, endpointIds } from '../../sim/network/reachability';
export { prepareTopology } from '../../sim/network/prepare';
export { destinationAddresses, type Destination } from '../../sim/network/destinations';
export { hasPorts, protocolLabel } from '../../sim/network/protocols';
export { reachabilityMatrix, type Matrix, type MatrixCell } from '../../sim/network/matrix';
export { cellOutcome, diffMatrices, type CellChange, type MatrixDiff } from '../../sim/network/matrix-diff';
export { whatWouldFix, type FixReport } from '../../sim/network/fixes';
export { toGraph, highlightFor, type Graph, type GraphEdgeMode, type GraphNode, type GraphNodeKind, type Highlight } from '../../sim/network/graph';
export { lint } from '../../sim/network/warnings';
export {
  describeAction,
  describeBlock,
  describeEvent,
  describeHopNamed,
  describeQuery,
  describeVerdict,
  firewallEntryText,
  describeWarning,
  hintFor,
  modeName,
} from '../../sim/network/explain';
export { CLOUD_MODES, VIRTUALBOX_MODES, MODES_WITH_NETWORK } from '../../sim/network/types';
export type { IpProtocol, NicMode, Protocol, Topology, Vm, Nic, Service, PortForward, FirewallAllow } from '../../sim/network/types';
export type { Query, Verdict } from '../../sim/network/verdict';
