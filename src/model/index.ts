export * from './value.js';
export * from './network.js';
export * from './cidr.js';
export * from './entities.js';
export * from './edges.js';
export * from './model.js';
export * from './equal.js';
