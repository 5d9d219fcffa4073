import type { Theme } from '../stores/settings';

/** Chart colours per theme, kept beside the CSS tokens they mirror. */
export interface ChartPalette {
  bg: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  win: string;
  loss: string;
  winSpan: string;
  lossSpan: string;
  winSpanSelected: string;
  lossSpanSelected: string;
  compareWin: string;
  compareLoss: string;
  pnl: string;
  pnlCompare: string;
  drawdown: string;
  drawdownLine: string;
  stop: string;
  target: string;
  entry: string;
  crosshair: string;
  series: readonly string[];
}

const SERIES = ['#f0b429', '#b392f0', '#4dd0e1', '#ff8a65', '#aed581', '#f48fb1', '#90caf9'];

export function chartPalette(theme: Theme): ChartPalette {
  if (theme === 'light') {
    return {
      bg: '#ffffff', text: '#5b6573', grid: '#eef0f3', border: '#e1e4e8',
      up: '#0f8a7e', down: '#d93a37', win: '#0a7d4f', loss: '#c62828',
      winSpan: 'rgba(15,138,126,0.07)', lossSpan: 'rgba(217,58,55,0.07)',
      winSpanSelected: 'rgba(15,138,126,0.2)', lossSpanSelected: 'rgba(217,58,55,0.2)',
      compareWin: '#1f6feb', compareLoss: '#a0569b',
      pnl: '#1f6feb', pnlCompare: '#a0569b', drawdown: 'rgba(217,58,55,0.14)', drawdownLine: 'rgba(217,58,55,0.55)',
      stop: '#d93a37', target: '#0f8a7e', entry: '#5b6573', crosshair: '#8d96a2',
      series: ['#b7791f', '#7e57c2', '#00838f', '#e64a19', '#558b2f', '#c2185b', '#1565c0'],
    };
  }
  return {
    bg: '#161a20', text: '#8b95a3', grid: '#1f252d', border: '#2a313b',
    up: '#26a69a', down: '#ef5350', win: '#3ddc97', loss: '#ff5c5c',
    winSpan: 'rgba(38,166,154,0.07)', lossSpan: 'rgba(239,83,80,0.07)',
    winSpanSelected: 'rgba(38,166,154,0.16)', lossSpanSelected: 'rgba(239,83,80,0.16)',
    compareWin: '#4c9aff', compareLoss: '#d08cff',
    pnl: '#4c9aff', pnlCompare: '#d08cff', drawdown: 'rgba(239,83,80,0.16)', drawdownLine: 'rgba(239,83,80,0.6)',
    stop: '#ef5350', target: '#26a69a', entry: '#8b95a3', crosshair: '#5f6875',
    series: SERIES,
  };
}
