// Types of bench/when-all.bench.mjs, for the smoke test that runs it at a tiny size.
export interface WhenAllBenchRow {
  readonly size: number;
  readonly totalMs: number;
  readonly nsPerInput: number;
  readonly gcNsPerInput: number;
  readonly withoutGcNsPerInput: number;
}

export interface WhenAllBenchRatio {
  readonly label: string;
  readonly total: number;
  readonly withoutGc: number;
  readonly limit: number;
  readonly ok: boolean;
  readonly okWithoutGc: boolean;
}

export interface WhenAllBenchOutcome {
  readonly results: ReadonlyArray<{
    readonly name: string;
    readonly rows: readonly WhenAllBenchRow[];
    readonly ratios: readonly WhenAllBenchRatio[];
  }>;
  readonly ok: boolean;
  readonly okWithoutGc: boolean;
}

export function runWhenAllBench(options?: { sizes?: number[]; rounds?: number }): Promise<WhenAllBenchOutcome>;
export function formatWhenAllBench(outcome: WhenAllBenchOutcome): string;
export function whenAllTargets(outcome: WhenAllBenchOutcome, targets: { check(target: string, measured: string, ok: boolean): void }): void;
