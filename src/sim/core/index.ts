export * from './issues';
export * from './suggest';
export * from './rng';
export * from './ids';
export * from './json';
export * from './scenario';
export * from './own';
export * from './shape';
