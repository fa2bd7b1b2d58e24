/** The script of a lab package (bundled into player.js by `npm run export`, one bundle per simulator). */
import { mount } from 'svelte';
import type { CompiledLab } from '../../lab/schema';
import { activity } from './boot';
import { connect } from './platform';
import ScormLab from './ScormLab.svelte';

const { target, value } = activity<CompiledLab>('lab');
if (value) mount(ScormLab, { target, props: { lab: value, platform: connect(window) } });
