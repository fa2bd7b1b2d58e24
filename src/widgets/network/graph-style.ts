import type { StylesheetJson } from 'cytoscape';
import type { GraphEdgeMode, GraphNodeKind } from './engine';

/** Theme variables the drawing uses; read from the page, so the graph follows the site's theme. */
const THEME_VARS = [
  '--ink',
  '--ink-soft',
  '--bg-raised',
  '--line',
  '--accent',
  '--ok',
  '--warn',
  '--bad',
  '--note',
  '--fig-vm',
  '--fig-hw',
  '--fig-hv',
  '--fig-net',
  '--fig-bg',
  '--font-body',
] as const;
export type ThemeVar = (typeof THEME_VARS)[number];
export type Theme = Record<ThemeVar, string>;

export function readTheme(el: Element): Theme {
  const style = getComputedStyle(el);
  return Object.fromEntries(THEME_VARS.map((v) => [v, style.getPropertyValue(v).trim()])) as Theme;
}

type Line = 'solid' | 'dashed' | 'dotted';

/** How each kind of link is drawn; the legend draws the same samples with the same variables. */
export const EDGE_LOOK: Record<GraphEdgeMode, { colour: ThemeVar; line: Line; width: number; name: string }> = {
  'not-attached': { colour: '--ink-soft', line: 'dotted', width: 1, name: 'Not attached' },
  nat: { colour: '--warn', line: 'dashed', width: 3, name: 'NAT (the VM’s own NAT engine on the host)' },
  'nat-network': { colour: '--warn', line: 'solid', width: 3, name: 'NAT Network' },
  bridged: { colour: '--ok', line: 'solid', width: 3, name: 'Bridged Adapter' },
  internal: { colour: '--ink', line: 'dotted', width: 3, name: 'Internal Network' },
  'host-only': { colour: '--note', line: 'dashed', width: 3, name: 'Host-only Adapter' },
  generic: { colour: '--accent', line: 'dashed', width: 3, name: 'Generic Driver: UDP tunnel to a VM on another host' },
  cloud: { colour: '--ok', line: 'solid', width: 3, name: 'Port on a project network' },
  lan: { colour: '--ink-soft', line: 'solid', width: 2, name: 'LAN cable or Wi-Fi' },
  'host-only-adapter': { colour: '--note', line: 'dotted', width: 2, name: 'Host’s own host-only interface' },
  'nat-service': { colour: '--warn', line: 'dotted', width: 2, name: 'NAT network service on the host' },
  uplink: { colour: '--ink', line: 'solid', width: 2, name: 'LAN router’s uplink (NAT)' },
  'router-interface': { colour: '--ink-soft', line: 'solid', width: 2, name: 'Router interface (gateway of the network)' },
  'router-gateway': { colour: '--ink', line: 'solid', width: 2, name: 'Router gateway to the external network' },
};

type Shape = 'ellipse' | 'round-rectangle' | 'rectangle' | 'diamond' | 'barrel' | 'hexagon' | 'round-tag';

export const NODE_LOOK: Record<GraphNodeKind, { fill: ThemeVar; shape: Shape; name: string }> = {
  internet: { fill: '--fig-hv', shape: 'ellipse', name: 'The internet' },
  lan: { fill: '--fig-hw', shape: 'barrel', name: 'Physical LAN' },
  host: { fill: '--fig-hw', shape: 'rectangle', name: 'Computer running VirtualBox' },
  device: { fill: '--fig-hw', shape: 'round-rectangle', name: 'Other device on the LAN' },
  vm: { fill: '--fig-vm', shape: 'round-rectangle', name: 'Virtual machine' },
  'nat-network': { fill: '--fig-net', shape: 'hexagon', name: 'NAT network' },
  'host-only-network': { fill: '--fig-net', shape: 'hexagon', name: 'Host-only network' },
  'internal-network': { fill: '--fig-net', shape: 'hexagon', name: 'Internal network' },
  'cloud-network': { fill: '--fig-net', shape: 'hexagon', name: 'Project network' },
  'udp-tunnel': { fill: '--fig-net', shape: 'round-tag', name: 'UDP tunnel (Ethernet frames in UDP between two hosts)' },
  router: { fill: '--fig-hv', shape: 'diamond', name: 'Router' },
};

const DASHES: Record<Line, number[]> = { solid: [], dashed: [8, 5], dotted: [2, 4] };

/** The stylesheet for one theme. Path and block marks add a halo (underlay), so the link's own style stays readable. */
export function stylesheet(theme: Theme, compact: boolean): StylesheetJson {
  const c = (v: ThemeVar) => theme[v] || '#808080';
  const sheet: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(display)',
        'font-family': theme['--font-body'] || 'sans-serif',
        'font-size': compact ? 10 : 11,
        color: c('--ink'),
        'text-wrap': 'wrap',
        'text-max-width': compact ? '72px' : '120px',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-background-color': c('--bg-raised'),
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        width: 30,
        height: 30,
        'border-width': 1.5,
        'border-color': c('--ink-soft'),
      },
    },
    ...Object.entries(NODE_LOOK).map(([kind, look]) => ({
      selector: `node[kind = "${kind}"]`,
      style: { shape: look.shape, 'background-color': c(look.fill) },
    })),
    { selector: 'node[kind = "internet"]', style: { width: 46, height: 30 } },
    { selector: 'node[kind = "lan"], node[kind = "cloud-network"]', style: { width: 44 } },
    {
      selector: 'edge',
      style: {
        label: 'data(display)',
        'font-family': theme['--font-body'] || 'sans-serif',
        'font-size': 9,
        color: c('--ink'),
        'text-wrap': 'wrap',
        'text-max-width': compact ? '90px' : '130px',
        'text-rotation': 'none',
        'text-background-color': c('--bg-raised'),
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'curve-style': 'straight',
        'line-cap': 'round',
      },
    },
    // An adapter's caption sits next to its VM, not mid-link: several adapters on one network would otherwise stack their captions.
    { selector: 'edge[id ^= "nic:"]', style: { label: '', 'source-label': 'data(display)', 'source-text-offset': compact ? 30 : 40 } },
    { selector: 'edge.caption-at-target', style: { 'source-label': '', 'target-label': 'data(display)', 'target-text-offset': compact ? 30 : 40 } },
    ...Object.entries(EDGE_LOOK).map(([mode, look]) => ({
      selector: `edge[mode = "${mode}"]`,
      style: {
        'line-color': c(look.colour),
        width: look.width,
        'line-style': look.line === 'solid' ? ('solid' as const) : ('dashed' as const),
        ...(look.line === 'solid' ? {} : { 'line-dash-pattern': DASHES[look.line] }),
      },
    })),
    {
      selector: '.on-path',
      style: { 'underlay-color': c('--accent'), 'underlay-opacity': 0.38, 'underlay-padding': 6 },
    },
    { selector: 'node.on-path', style: { 'border-color': c('--accent'), 'border-width': 3 } },
    { selector: 'edge.on-path', style: { 'underlay-padding': 5 } },
    { selector: 'node.end', style: { 'border-color': c('--accent'), 'border-width': 4, 'font-weight': 'bold' } },
    {
      selector: '.blocked',
      style: { 'underlay-color': c('--bad'), 'underlay-opacity': 0.35, 'underlay-padding': 7, color: c('--bad'), 'font-weight': 'bold' },
    },
    { selector: 'node.blocked', style: { 'border-color': c('--bad'), 'border-width': 4, 'border-style': 'double' } },
    { selector: 'edge.blocked', style: { 'line-color': c('--bad'), width: 4 } },
  ];
  return sheet;
}
