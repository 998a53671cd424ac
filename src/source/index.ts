export { locateBlocks, type SourceFile, type SourceIndex, type Locator, type Located, type BlockLocation } from './locate.js';
export { isCalendarDate, type InlineSuppression } from './directive.js';
export { scanHcl, LOCATED_BLOCKS, type Block, type LocatedBlock, type ScannedFile } from './scan.js';
export { addressForms, declaringAddress } from './address.js';
