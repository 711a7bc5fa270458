// How a FigureValue is stored: a kind and its low/high ends (null where the form has none).
import type { ValueKind } from '../../db/schema.js';
import type { FigureValue } from './types.js';

export interface ValueColumns {
  value_kind: ValueKind;
  value_low: number | null;
  value_high: number | null;
}

export function valueToColumns(value: FigureValue): ValueColumns {
  switch (value.kind) {
    case 'exact':
    case 'approx':
      return { value_kind: value.kind, value_low: value.value, value_high: value.value };
    case 'at_least':
      return { value_kind: 'at_least', value_low: value.value, value_high: null };
    case 'at_most':
      return { value_kind: 'at_most', value_low: null, value_high: value.value };
    case 'range':
      return { value_kind: 'range', value_low: value.low, value_high: value.high };
  }
}

export function valueFromColumns(row: ValueColumns): FigureValue {
  const low = Number(row.value_low);
  const high = Number(row.value_high);
  switch (row.value_kind) {
    case 'exact':
    case 'approx':
      return { kind: row.value_kind, value: low };
    case 'at_least':
      return { kind: 'at_least', value: low };
    case 'at_most':
      return { kind: 'at_most', value: high };
    case 'range':
      return { kind: 'range', low, high };
  }
}

export function sameValue(a: FigureValue, b: FigureValue): boolean {
  return JSON.stringify(valueToColumns(a)) === JSON.stringify(valueToColumns(b));
}
