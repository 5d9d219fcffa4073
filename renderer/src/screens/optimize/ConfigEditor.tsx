import { useState } from 'react';
import type { GaHyperparameters, ParamValue, RangeSpec, StrategyConfig, TradeExecutorConfig } from '../../../../shared/config/types';
import { INDICATORS } from '../../../../shared/indicators/registry';
import type { ParamSpec } from '../../../../shared/indicators/types';
import { OBJECTIVES, objectiveNames } from '../../../../shared/objectives/registry';

/** A config edit: the editor hands a mutated deep copy back. */
export type Edit = (mutate: (c: StrategyConfig) => void) => void;

const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

function NumInput({ value, onChange, step, min, max, width = 76, disabled, testid }: { value: number; onChange(v: number): void; step?: number; min?: number; max?: number; width?: number; disabled?: boolean; testid?: string }) {
  const [text, setText] = useState<string | null>(null);
  const bad = text !== null && !Number.isFinite(num(text));
  return (
    <input
      className="input"
      type="number"
      style={{ width, borderColor: bad ? 'var(--neg)' : undefined }}
      step={step ?? 'any'}
      min={min}
      max={max}
      disabled={disabled}
      data-testid={testid}
      value={text ?? String(value)}
      onChange={(e) => {
        setText(e.target.value);
        const v = num(e.target.value);
        if (Number.isFinite(v)) onChange(v);
      }}
      onBlur={() => setText(null)}
    />
  );
}

function Switch({ on, onChange, title, testid }: { on: boolean; onChange(v: boolean): void; title?: string; testid?: string }) {
  return (
    <button data-testid={testid} type="button" className={`badge ${on ? 'accent' : ''}`} style={{ cursor: 'pointer', border: 0, minWidth: 64, justifyContent: 'center' }} onClick={() => onChange(!on)} title={title} aria-pressed={on}>
      {on ? 'optimize' : 'fixed'}
    </button>
  );
}

/** One optimizable value: start, optimize switch, min and max — the original system's row. */
function RangeRow({ label, hint, value, range, type, bounds, onValue, onRange }: {
  label: string;
  hint?: string;
  value: number;
  range: [number, number] | null;
  type: 'int' | 'float';
  bounds?: [number, number];
  onValue(v: number): void;
  onRange(r: [number, number] | null): void;
}) {
  const step = type === 'int' ? 1 : undefined;
  const on = range !== null;
  return (
    <tr>
      <td title={hint ? `${label} (allowed ${hint})` : label}>
        {label}
        {hint && <span className="faint"> · {hint}</span>}
      </td>
      <td className="num">
        <NumInput value={value} onChange={onValue} step={step} width={64} />
      </td>
      <td>
        <Switch testid={`opt-${label}`} on={on} onChange={(v) => onRange(v ? (bounds ?? [Math.min(value, 0), Math.max(value, 1)]) : null)} />
      </td>
      <td className="num">{on ? <NumInput value={range[0]} step={step} width={60} onChange={(v) => onRange([v, range[1]])} /> : <span className="faint">—</span>}</td>
      <td className="num">{on ? <NumInput value={range[1]} step={step} width={60} onChange={(v) => onRange([range[0], v])} /> : <span className="faint">—</span>}</td>
    </tr>
  );
}

function RangeTable({ children }: { children: React.ReactNode }) {
  return (
    <table className="data" style={{ tableLayout: 'fixed' }}>
      <colgroup>
        <col />
        <col style={{ width: 80 }} />
        <col style={{ width: 80 }} />
        <col style={{ width: 76 }} />
        <col style={{ width: 76 }} />
      </colgroup>
      <thead>
        <tr>
          <th>Value</th>
          <th className="num">Start</th>
          <th />
          <th className="num">Min</th>
          <th className="num">Max</th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

const asRange = (r: RangeSpec | undefined): [number, number] | null => (r && r.t !== 'skip' ? [r.r[0], r.r[1]] : null);

function ParamValueInput({ spec, value, onChange }: { spec: ParamSpec; value: ParamValue; onChange(v: ParamValue): void }) {
  if (spec.type === 'choice')
    return (
      <select className="input" value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {spec.choices?.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    );
  if (spec.type === 'bool') return <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  if (spec.type === 'patterns')
    return (
      <input className="input" style={{ width: 260 }} value={Array.isArray(value) ? value.join(', ') : String(value)} onChange={(e) => onChange(e.target.value.split(/[\s,]+/).filter(Boolean))} />
    );
  return null;
}

export function IndicatorsTab({ config, edit }: { config: StrategyConfig; edit: Edit }) {
  return (
    <div className="grid" style={{ gap: 10 }}>
      {config.indicators.map((ind, i) => {
        const def = INDICATORS[ind.indicator_class];
        return (
          <div key={ind.name} className="panel" style={{ background: 'var(--panel-2)' }}>
            <header style={{ minHeight: 28, padding: '4px 8px' }}>
              {ind.name}
              <span className="hint">
                {ind.indicator_class} · {ind.agg_config}
                {def ? ` · ${def.kind}` : ' · unknown class'}
              </span>
            </header>
            <div className="body flush">
              <RangeTable>
                {(def?.params ?? []).map((spec) => {
                  const v = ind.parameters[spec.name] ?? spec.default;
                  if (spec.type === 'int' || spec.type === 'float') {
                    return (
                      <RangeRow
                        key={spec.name}
                        label={spec.name}
                        hint={spec.min !== undefined ? `${spec.min}–${spec.max}` : undefined}
                        value={Number(v)}
                        type={spec.type}
                        range={asRange(ind.ranges[spec.name])}
                        bounds={spec.min !== undefined && spec.max !== undefined ? [spec.min, spec.max] : undefined}
                        onValue={(x) => edit((c) => void (c.indicators[i]!.parameters[spec.name] = x))}
                        onRange={(r) => edit((c) => void (c.indicators[i]!.ranges[spec.name] = r ? { t: spec.type as 'int' | 'float', r } : { t: 'skip' }))}
                      />
                    );
                  }
                  return (
                    <tr key={spec.name}>
                      <td>{spec.name}</td>
                      <td colSpan={4}>
                        <ParamValueInput spec={spec} value={v} onChange={(x) => edit((c) => void (c.indicators[i]!.parameters[spec.name] = x))} />
                      </td>
                    </tr>
                  );
                })}
              </RangeTable>
            </div>
          </div>
        );
      })}
    </div>
  );
}

export function BarsTab({ config, edit }: { config: StrategyConfig; edit: Edit }) {
  const rules = (side: 'enter_long' | 'exit_long') =>
    config.monitor[side].map((rule, i) => (
      <RangeRow
        key={`${side}${i}`}
        label={`${side === 'enter_long' ? 'enter' : 'exit'} when ${rule.name} ≥`}
        value={rule.threshold}
        type="float"
        range={rule.threshold_range}
        bounds={[0, 1]}
        onValue={(x) => edit((c) => void (c.monitor[side][i]!.threshold = x))}
        onRange={(r) => edit((c) => void (c.monitor[side][i]!.threshold_range = r))}
      />
    ));
  return (
    <div className="grid" style={{ gap: 10 }}>
      <div className="panel" style={{ background: 'var(--panel-2)' }}>
        <header style={{ minHeight: 28, padding: '4px 8px' }}>Entry and exit rules</header>
        <div className="body flush">
          <RangeTable>
            {rules('enter_long')}
            {rules('exit_long')}
          </RangeTable>
        </div>
      </div>
      {Object.entries(config.monitor.bars).map(([name, bar]) => (
        <div key={name} className="panel" style={{ background: 'var(--panel-2)' }}>
          <header style={{ minHeight: 28, padding: '4px 8px' }}>
            {name} <span className={`badge ${bar.type === 'bull' ? 'pos' : 'neg'}`}>{bar.type}</span>
            {Object.keys(bar.trend_indicators).length > 0 && <span className="hint">trend gate {bar.trend_logic}</span>}
          </header>
          <div className="body flush">
            <RangeTable>
              {Object.entries(bar.indicators).map(([ind, w]) => (
                <RangeRow
                  key={ind}
                  label={`weight ${ind}`}
                  value={w}
                  type="float"
                  range={asRange(bar.weight_ranges[ind])}
                  bounds={[0, 1]}
                  onValue={(x) => edit((c) => void (c.monitor.bars[name]!.indicators[ind] = x))}
                  onRange={(r) => edit((c) => void (c.monitor.bars[name]!.weight_ranges[ind] = r ? { t: 'float', r } : { t: 'skip' }))}
                />
              ))}
              {Object.entries(bar.trend_indicators).map(([ind, t]) => (
                <RangeRow
                  key={`t${ind}`}
                  label={`trend weight ${ind} (${t.mode})`}
                  value={t.weight}
                  type="float"
                  range={asRange(bar.trend_weight_ranges[ind])}
                  bounds={[0, 1]}
                  onValue={(x) => edit((c) => void (c.monitor.bars[name]!.trend_indicators[ind]!.weight = x))}
                  onRange={(r) => edit((c) => void (c.monitor.bars[name]!.trend_weight_ranges[ind] = r ? { t: 'float', r } : { t: 'skip' }))}
                />
              ))}
              {Object.keys(bar.trend_indicators).length > 0 && (
                <RangeRow
                  label="trend threshold"
                  value={bar.trend_threshold}
                  type="float"
                  range={bar.trend_threshold_range}
                  bounds={[0, 1]}
                  onValue={(x) => edit((c) => void (c.monitor.bars[name]!.trend_threshold = x))}
                  onRange={(r) => edit((c) => void (c.monitor.bars[name]!.trend_threshold_range = r))}
                />
              )}
            </RangeTable>
          </div>
        </div>
      ))}
    </div>
  );
}

const EXECUTOR_FIELDS: Array<[keyof TradeExecutorConfig, string]> = [
  ['default_position_size', 'Position size (shares)'],
  ['stop_loss_pct', 'Stop loss (fraction, 0 = none)'],
  ['take_profit_type', 'Take profit type'],
  ['take_profit_pct', 'Take profit (fraction, 0 = none)'],
  ['take_profit_dollars', 'Take profit ($, dollars mode)'],
  ['trailing_stop_loss', 'Trailing stop'],
  ['trailing_stop_distance_pct', 'Trail distance (fraction)'],
  ['trailing_stop_activation_pct', 'Trail activates after gain (fraction)'],
  ['halt_after_target', 'Halt after target until next session'],
  ['exit_by_end_of_day', 'Exit by end of day (16:00 New York)'],
  ['ignore_bear_signals', 'Ignore bear exit signals'],
  ['fill_model', 'Stop/target fills'],
  ['fee_bps', 'Fee per side (bps)'],
  ['slippage_bps', 'Slippage per side (bps)'],
];

export function ExecutorTab({ config, edit }: { config: StrategyConfig; edit: Edit }) {
  const ex = config.monitor.trade_executor;
  const set = <K extends keyof TradeExecutorConfig>(k: K, v: TradeExecutorConfig[K]) => edit((c) => void (c.monitor.trade_executor[k] = v));
  return (
    <table className="data">
      <tbody>
        {EXECUTOR_FIELDS.map(([k, label]) => {
          const v = ex[k];
          return (
            <tr key={k}>
              <td title={k}>{label}</td>
              <td className="num">
                {typeof v === 'boolean' ? (
                  <input type="checkbox" checked={v} onChange={(e) => set(k, e.target.checked as never)} />
                ) : k === 'take_profit_type' ? (
                  <select className="input" value={String(v)} onChange={(e) => set(k, e.target.value as never)}>
                    <option value="percent">percent</option>
                    <option value="dollars">dollars</option>
                  </select>
                ) : k === 'fill_model' ? (
                  <select className="input" value={String(v)} onChange={(e) => set(k, e.target.value as never)}>
                    <option value="close">at the close (original)</option>
                    <option value="intrabar">intrabar from high/low</option>
                  </select>
                ) : (
                  <NumInput value={Number(v)} onChange={(x) => set(k, x as never)} width={96} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ObjectivesTab({ config, edit }: { config: StrategyConfig; edit: Edit }) {
  return (
    <div className="grid" style={{ gap: 8 }}>
      {config.objectives.map((o, i) => {
        const def = OBJECTIVES[o.objective];
        return (
          <div key={i} className="panel" style={{ background: 'var(--panel-2)' }}>
            <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              <div className="row">
                <select
                  className="input"
                  value={o.objective}
                  onChange={(e) =>
                    edit((c) => {
                      const d = OBJECTIVES[e.target.value]!;
                      c.objectives[i] = { objective: d.name, weight: c.objectives[i]!.weight, parameters: Object.fromEntries(d.params.map((p) => [p.name, p.default])) };
                    })
                  }
                >
                  {objectiveNames().map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
                <span className="dim">weight</span>
                <NumInput value={o.weight} onChange={(x) => edit((c) => void (c.objectives[i]!.weight = x))} width={64} />
                <button className="btn small" style={{ marginLeft: 'auto' }} disabled={config.objectives.length <= 1} onClick={() => edit((c) => void c.objectives.splice(i, 1))}>
                  Remove
                </button>
              </div>
              {def && <div className="dim">{def.description} — <span className="mono">{def.formula}</span></div>}
              {def?.params.map((p) => (
                <label key={p.name} className="row dim">
                  <span style={{ minWidth: 150 }}>{p.name}</span>
                  {p.type === 'choice' ? (
                    <select className="input" value={String(o.parameters[p.name] ?? p.default)} onChange={(e) => edit((c) => void (c.objectives[i]!.parameters[p.name] = e.target.value))}>
                      {p.choices?.map((ch) => (
                        <option key={ch}>{ch}</option>
                      ))}
                    </select>
                  ) : (
                    <NumInput value={Number(o.parameters[p.name] ?? p.default)} onChange={(x) => edit((c) => void (c.objectives[i]!.parameters[p.name] = x))} />
                  )}
                </label>
              ))}
            </div>
          </div>
        );
      })}
      {config.objectives.length === 0 && <div className="dim">No objectives yet. Every objective is minimised; add one or more.</div>}
      <button
        className="btn"
        data-testid="add-objective"
        onClick={() =>
          edit((c) => {
            const used = new Set(c.objectives.map((o) => o.objective));
            const d = OBJECTIVES[['MaximizeNetPnL', 'MinimizeMaxDrawdown', 'MinimizeLosingTrades'].find((n) => !used.has(n)) ?? 'MaximizeNetPnL']!;
            c.objectives.push({ objective: d.name, weight: 1, parameters: Object.fromEntries(d.params.map((p) => [p.name, p.default])) });
          })
        }
      >
        Add objective
      </button>
    </div>
  );
}

const GA_FIELDS: Array<[keyof GaHyperparameters, string]> = [
  ['population_size', 'Population'],
  ['number_of_iterations', 'Generations'],
  ['num_workers', 'Worker processes (0 = sequential)'],
  ['random_seed', 'Random seed'],
  ['elite_size', 'Elites'],
  ['propagation_fraction', 'Parents fraction'],
  ['chance_of_mutation', 'Mutation chance (decays 0.93^gen)'],
  ['chance_of_crossover', 'Crossover chance (decays 0.95^gen)'],
  ['num_splits', 'Training chunks'],
  ['split_repeats', 'Generations per chunk'],
  ['daily_splits', 'Chunks are single days'],
  ['seed_with_original', 'Seed with the unmodified config'],
  ['elites_to_save', 'Elites to export'],
  ['save_elites_every_epoch', 'Save elites every generation'],
];

export function GaTab({ config, edit }: { config: StrategyConfig; edit: Edit }) {
  const ga = config.ga_hyperparameters;
  return (
    <table className="data">
      <tbody>
        {GA_FIELDS.map(([k, label]) => {
          const v = ga[k];
          return (
            <tr key={k}>
              <td title={k}>{label}</td>
              <td className="num">
                {typeof v === 'boolean' ? (
                  <input type="checkbox" checked={v} onChange={(e) => edit((c) => void ((c.ga_hyperparameters[k] as boolean) = e.target.checked))} />
                ) : (
                  <NumInput value={v} onChange={(x) => edit((c) => void ((c.ga_hyperparameters[k] as number) = x))} width={96} testid={`ga-${k}`} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Genes the config optimizes (what the GA will vary). */
export function countGenes(c: StrategyConfig): number {
  let n = 0;
  for (const ind of c.indicators) for (const r of Object.values(ind.ranges)) if (r.t !== 'skip') n++;
  for (const bar of Object.values(c.monitor.bars)) {
    for (const r of Object.values(bar.weight_ranges)) if (r.t !== 'skip') n++;
  }
  for (const r of [...c.monitor.enter_long, ...c.monitor.exit_long]) if (r.threshold_range) n++;
  return n;
}
