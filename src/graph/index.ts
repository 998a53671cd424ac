export { Graph } from './graph.js';
export { worldOpenings, openings, opensPort, policyLayers, merge, type Opening } from './exposure.js';
