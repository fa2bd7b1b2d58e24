/** The script of a lab package (bundled into player.js by `npm run export`, one bundle per simulator). */
import { mount } from 'svelte';
import type { CompiledLab } from '../../lab/schema';
import { activity } from './boot';
// The lab's styles and its simulator's (src/lms/export/run.mjs leaves out the other simulators' in each lab player).
import '../../widgets/lab/lab.css';
import '../../widgets/network/network.css';
import '../../widgets/sizing/calculator.css';
import '../../widgets/snapshots/snapshots.css';
import '../../widgets/builder/builder.css';
import { connect } from './platform';
import ScormLab from './ScormLab.svelte';

const { target, value } = activity<CompiledLab>('lab');
if (value) mount(ScormLab, { target, props: { lab: value, platform: connect(window) } });
