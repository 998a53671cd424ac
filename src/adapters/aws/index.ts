import type { Mapper } from '../mapper.js';
import { securityGroup, securityGroupRule, vpcSecurityGroupRule } from './security-group.js';

/** The aws mappers, one per resource type family. */
export const awsMappers: readonly Mapper[] = [securityGroup, securityGroupRule, vpcSecurityGroupRule];
