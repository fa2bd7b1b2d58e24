/** English for students, rendered from reason codes; shared by widgets, quizzes and lab checkers. */
export { explainEvent } from './events';
export { formatBytes } from './format';
export { explainRefusal, platformName } from './refusals';
export { explainServiceFailure } from './services';
export { explainWarning } from './warnings';
