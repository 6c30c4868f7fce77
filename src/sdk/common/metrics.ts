// AlarmBuilder, MetricBuilder, MetricDimensionsBuilder, MetricDimensions and MetricUnitType
// (runner.md §7.2). Setters take the builder by value and return a new one.

import { RhaiError } from "../../engine/errors.ts";
import type { NativeContext, Registry } from "../../engine/registry.ts";
import { RFloat, type Value } from "../../engine/value.ts";

export type UnitName = "UNDEFINED" | "COUNT" | "TIME" | "MEGABYTES" | "PERCENT";

export class MetricUnitType {
  constructor(readonly unit: UnitName) {}
}

export class MetricDimensions {
  constructor(readonly pairs: readonly (readonly [string, string])[]) {}
}

export class MetricDimensionsBuilder {
  constructor(readonly pairs: readonly (readonly [string, string])[] = []) {}
}

export class AlarmBuilder {
  constructor(
    readonly alarmType: string | undefined = undefined,
    readonly details: string | undefined = undefined,
  ) {}
}

export class MetricBuilder {
  constructor(
    readonly name: string | undefined = undefined,
    readonly value: number | undefined = undefined,
    readonly unit: UnitName | undefined = undefined,
    readonly dims: readonly (readonly [string, string])[] = [],
  ) {}
}

/** Where published metrics and alarms go (the run). */
export interface MetricSink {
  publishMetric(name: string, value: number, unit: UnitName, dims: [string, string][]): void;
  publishAlarm(type: string, details: string | undefined): void;
}

function fail(ctx: NativeContext, msg: string): never {
  throw new RhaiError("ErrorRuntime", `Runtime error: ${msg}`, ctx.pos, msg);
}

export function registerMetricBuilders(reg: Registry, sink: MetricSink): void {
  for (const [ctor, name] of [
    [AlarmBuilder, "AlarmBuilder"],
    [MetricBuilder, "MetricBuilder"],
    [MetricDimensionsBuilder, "MetricDimensionsBuilder"],
    [MetricDimensions, "MetricDimensions"],
    [MetricUnitType, "MetricUnitType"],
  ] as const)
    reg.registerType(ctor, { name });

  reg.fn("AlarmBuilder", [], () => new AlarmBuilder());
  reg.fn("type", ["AlarmBuilder", "string"], (_c, a) => new AlarmBuilder(a[1] as string, (a[0] as AlarmBuilder).details));
  reg.fn("details", ["AlarmBuilder", "string"], (_c, a) => new AlarmBuilder((a[0] as AlarmBuilder).alarmType, a[1] as string));
  reg.fn("publish", ["AlarmBuilder"], (ctx, a) => {
    const b = a[0] as AlarmBuilder;
    if (b.alarmType === undefined) fail(ctx, "`alarm_type` must be initialized");
    sink.publishAlarm(b.alarmType, b.details);
    return undefined;
  });

  reg.fn("MetricBuilder", [], () => new MetricBuilder());
  const mb = (a: Value[]) => a[0] as MetricBuilder;
  reg.fn("name", ["MetricBuilder", "string"], (_c, a) => new MetricBuilder(a[1] as string, mb(a).value, mb(a).unit, mb(a).dims));
  reg.fn("value", ["MetricBuilder", "float"], (_c, a) => new MetricBuilder(mb(a).name, (a[1] as RFloat).v, mb(a).unit, mb(a).dims));
  reg.fn("unit", ["MetricBuilder", "MetricUnitType"], (_c, a) =>
    new MetricBuilder(mb(a).name, mb(a).value, (a[1] as MetricUnitType).unit, mb(a).dims),
  );
  reg.fn("dimensions", ["MetricBuilder", "MetricDimensions"], (_c, a) =>
    new MetricBuilder(mb(a).name, mb(a).value, mb(a).unit, (a[1] as MetricDimensions).pairs),
  );
  reg.fn("publish", ["MetricBuilder"], (ctx, a) => {
    const b = mb(a);
    if (b.name === undefined) fail(ctx, "`metric_name` must be initialized");
    if (b.value === undefined) fail(ctx, "`metric_value` must be initialized");
    if (b.unit === undefined) fail(ctx, "`metric_unit` must be initialized");
    sink.publishMetric(b.name, b.value, b.unit, b.dims.map(([k, v]) => [k, v]));
    return undefined;
  });

  reg.fn("MetricDimensionsBuilder", [], () => new MetricDimensionsBuilder());
  reg.fn("add", ["MetricDimensionsBuilder", "string", "string"], (_c, a) => {
    const pairs = (a[0] as MetricDimensionsBuilder).pairs.slice();
    const k = a[1] as string;
    const i = pairs.findIndex((p) => p[0] === k);
    if (i >= 0) pairs[i] = [k, a[2] as string];
    else pairs.push([k, a[2] as string]);
    return new MetricDimensionsBuilder(pairs);
  });
  reg.fn("build", ["MetricDimensionsBuilder"], (_c, a) => new MetricDimensions((a[0] as MetricDimensionsBuilder).pairs));

  const units = reg.module("MetricUnitType");
  for (const u of ["UNDEFINED", "COUNT", "TIME", "MEGABYTES", "PERCENT"] as const) units.constant(u, new MetricUnitType(u));
}
