/**
 * A fact about a resource as far as the plan lets us know it. `default` means the attribute was not written and the
 * provider's documented default applies; `unknown` means Terraform will know it only after apply. A verdict that
 * rests on either says so in its finding. Unknown is never silently turned into false.
 */
export type Value<T> =
  | { readonly state: 'set'; readonly value: T }
  | { readonly state: 'default'; readonly value: T }
  | { readonly state: 'unknown'; readonly assumed?: T };

export const known = <T>(value: T): Value<T> => ({ state: 'set', value });
export const byDefault = <T>(value: T): Value<T> => ({ state: 'default', value });
export const unknownValue = <T>(assumed?: T): Value<T> =>
  assumed === undefined ? { state: 'unknown' } : { state: 'unknown', assumed };

/** The value, the documented default, or (for unknowns) the assumption the adapter recorded, else `fallback`. */
export function valueOf<T>(v: Value<T>, fallback: T): T {
  if (v.state === 'unknown') return v.assumed ?? fallback;
  return v.value;
}

/** True only when the value is set or defaulted and passes the test: unknowns never satisfy a condition. */
export function isKnownTrue<T>(v: Value<T>, test: (value: T) => boolean): boolean {
  return v.state !== 'unknown' && test(v.value);
}

/** How sure a verdict is, for the finding's wording. */
export function basisOf(...values: ReadonlyArray<Value<unknown>>): 'set' | 'default' | 'unknown' {
  if (values.some((v) => v.state === 'unknown')) return 'unknown';
  if (values.some((v) => v.state === 'default')) return 'default';
  return 'set';
}
