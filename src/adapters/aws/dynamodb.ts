import { known } from '../../model/index.js';
import type { Mapper } from '../mapper.js';
import { dataStore, regionalPlacement } from './datastore.js';

/**
 * `aws_dynamodb_table`: regional by design (AWS keeps every table in three zones), reached through the AWS API
 * with IAM credentials rather than on a network address; modelled so that rules see it and have nothing to say.
 */
export const dynamodbTable: Mapper = {
  types: ['aws_dynamodb_table'],
  map(instance, ctx) {
    ctx.add(
      dataStore(instance, {
        category: 'key-value',
        engine: 'dynamodb',
        ports: [443],
        replicas: known(3),
        placement: regionalPlacement(known(true)),
        publiclyAccessible: known(false),
        redundancyKnob: undefined,
      }),
    );
  },
};
