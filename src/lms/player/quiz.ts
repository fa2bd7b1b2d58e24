/** The script of a quiz package (bundled into player.js by `npm run export`). */
import { mount } from 'svelte';
import type { Quiz } from '../../quiz/client';
import { activity } from './boot';
import '../../widgets/quiz/quiz.css';
import { connect } from './platform';
import ScormQuiz from './ScormQuiz.svelte';

const { target, value } = activity<Quiz>('quiz');
if (value) mount(ScormQuiz, { target, props: { quiz: value, platform: connect(window) } });
