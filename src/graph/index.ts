export { Graph } from './graph.js';
