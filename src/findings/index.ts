export * from './severity.js';
export * from './finding.js';
export { fingerprintOf } from './fingerprint.js';
export { compareFindings, compareForReview, rank } from './rank.js';
export { withStatus } from './status.js';
