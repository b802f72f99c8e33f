// Every shape that crosses the API boundary, gathered from the capability files.
export * from './centre';
export * from './system';
export * from './wall';
