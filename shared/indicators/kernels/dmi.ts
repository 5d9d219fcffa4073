import { column } from './util';

export interface DmiColumns {
  plusDI: Float64Array;
  minusDI: Float64Array;
  adx: Float64Array;
}

/**
 * Wilder's directional movement system, in one pass.
 *
 * From candle 1: up = high − previous high, down = previous low − low; +DM = up if up > down and
 * up > 0, else 0; −DM likewise; TR as in `trueRange`. TR, +DM and −DM are Wilder-smoothed (seeded
 * with the mean of candles 1..period), giving +DI = 100 × +DM ÷ TR and −DI = 100 × −DM ÷ TR from
 * index `period` (0 when the smoothed TR is 0). DX = 100 × |+DI − −DI| ÷ (+DI + −DI) (0 when both
 * are 0); ADX = Wilder's RMA of DX seeded with the mean of its first `period` values, so the first
 * ADX is at index 2 × period − 1.
 */
export function dmi(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out?: Partial<DmiColumns>): DmiColumns {
  const n = close.length;
  const plusDI = column(n, out?.plusDI);
  const minusDI = column(n, out?.minusDI);
  const adx = column(n, out?.adx);
  plusDI.fill(NaN, 0, Math.min(n, period));
  minusDI.fill(NaN, 0, Math.min(n, period));
  adx.fill(NaN, 0, Math.min(n, 2 * period - 1));
  const alpha = 1 / period;
  let sTr = 0;
  let sPlus = 0;
  let sMinus = 0;
  let sAdx = 0;
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    const up = h - high[i - 1]!;
    const down = low[i - 1]! - l;
    // Branch-free forms of "up if up > down and up > 0, else 0": the comparisons are coin flips.
    const pdm = Number(up > down) * Math.max(up, 0);
    const mdm = Number(down > up) * Math.max(down, 0);
    const tr = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
    if (i < period) {
      sTr += tr;
      sPlus += pdm;
      sMinus += mdm;
      continue;
    }
    if (i === period) {
      sTr = (sTr + tr) / period;
      sPlus = (sPlus + pdm) / period;
      sMinus = (sMinus + mdm) / period;
    } else {
      sTr = (tr - sTr) * alpha + sTr;
      sPlus = (pdm - sPlus) * alpha + sPlus;
      sMinus = (mdm - sMinus) * alpha + sMinus;
    }
    const pdi = sTr > 0 ? (100 * sPlus) / sTr : 0;
    const mdi = sTr > 0 ? (100 * sMinus) / sTr : 0;
    plusDI[i] = pdi;
    minusDI[i] = mdi;
    const sum = pdi + mdi;
    const dx = sum > 0 ? (100 * Math.abs(pdi - mdi)) / sum : 0;
    const k = i - period; // index of this DX among DX values
    if (k < period - 1) {
      sAdx += dx;
    } else if (k === period - 1) {
      sAdx = (sAdx + dx) / period;
      adx[i] = sAdx;
    } else {
      sAdx = (dx - sAdx) * alpha + sAdx;
      adx[i] = sAdx;
    }
  }
  return { plusDI, minusDI, adx };
}
