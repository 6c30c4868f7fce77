// One run (runner.md §2): inputs → policy → arguments → engine → compile → evaluate →
// metrics/alarms → result. Runs on the worker thread (see worker.ts); pure data out.

import type { EngineLike, EngineOptions } from "../engine/api.ts";
import { ParseError, RhaiError } from "../engine/errors.ts";
import { hostDisplay, setHostFormatter } from "../engine/format.ts";
import type { Value } from "../engine/value.ts";
import { RexAuthorizer, auditRecordJson } from "../policy/authorizer.ts";
import { loadCedar, startCedarCompile } from "../policy/cedar.ts";
import { explainBlock } from "../policy/explain.ts";
import { PolicyParseError, parsePolicy, problemText } from "../policy/load.ts";
import { effectiveUserName } from "../policy/user.ts";
import type { SdkContext } from "../sdk/context.ts";
import { Engine } from "../engine/engine.ts";
import { closeFsResources, registerFsSdk } from "../sdk/fs/index.ts";
import { typeNameFormatter } from "./type-names.ts";
import { registerLogFunctions } from "../sdk/common/logging.ts";
import { registerMetricBuilders, type UnitName } from "../sdk/common/metrics.ts";
import { ArgsError, depthMessage, firstTooDeep, isValidIdentifier, parsePlainArgs, parseTypedArgs } from "./args.ts";
import { errorMessage, isDenied, isLimitOrTermination } from "./errors.ts";
import { InputError, checkWritableDir, decodeUtf8, readText } from "./inputs.ts";
import { Monitor } from "./monitor.ts";
import { moduleOptions } from "./modules.ts";
import type { RunRequest } from "./request.ts";
import { now, type Instant } from "./numbers.ts";
import { traceMark } from "./startup-trace.ts";
import { LogBuffer, MetricStore, parseLevel, truncateMessage, type ErrorType, type RunResult } from "./result.ts";

type EngineCtor = new (o: EngineOptions) => EngineLike;

async function loadEngine(): Promise<EngineCtor> {
  return Engine as unknown as EngineCtor;
}

async function loadFsSdk(): Promise<((ctx: SdkContext) => void) | undefined> {
  return registerFsSdk;
}

const nowMs = () => performance.timeOrigin + performance.now();

class Run {
  readonly metrics = new MetricStore();
  readonly scriptMetrics: { name: string; value: number; unit: UnitName; dims: [string, string][]; at: Instant }[] = [];
  readonly scriptAlarms: { type: string; details: string | undefined }[] = [];
  readonly diagnostics: string[] = [];
  logs: LogBuffer;
  constructor(readonly req: RunRequest) {
    const level = parseLevel(req.logLevel) ?? parseLevel(process.env.LOG_LEVEL) ?? "INFO";
    this.logs = new LogBuffer(level);
  }

  private totalTime(): void {
    this.metrics.duration("RexRunnerTotalExecutionTime", Math.round((nowMs() - this.req.startedAt) * 1e6));
  }

  early(type: ErrorType, message: string): RunResult {
    this.totalTime();
    return {
      output: "",
      status: "ERROR",
      error: { error_type: type, message: truncateMessage(message) || "Error message could not be included into the result" },
      alarms: this.metrics.alarms,
      metrics: this.metrics.list(),
      diagnostics: this.diagnostics,
      explain: [],
    };
  }

  finish(output: string, error: { type: ErrorType; message: string } | undefined, auth: RexAuthorizer | undefined): RunResult {
    this.totalTime();
    const r: RunResult = {
      output: error ? "" : output,
      status: error ? "ERROR" : "SUCCESS",
      alarms: this.metrics.alarms,
      metrics: this.metrics.list(),
      logs: this.logs.list(),
      diagnostics: this.diagnostics,
      explain: this.req.explain && auth ? auth.denials.map(explainBlock) : [],
    };
    if (error) r.error = { error_type: error.type, message: truncateMessage(error.message) };
    if (this.req.audit && this.req.auditOut && auth) r.audit = auth.denials.map(auditRecordJson);
    return r;
  }
}

/** How a run is wired by its caller (the worker); in-process callers need none of it. */
export interface RunHooks {
  /**
   * Another thread validates the policy (policy-check.ts): only parse it here, unless
   * --strict-policy (validation errors must stop the run before the script).
   */
  deferPolicyValidation?: boolean;
  /** Set when validation was deferred and the policy parsed: where its warning lines go. */
  deferred?: { at: number; text: string };
}

export async function executeRun(req: RunRequest, flags?: Int32Array, hooks?: RunHooks): Promise<RunResult> {
  startCedarCompile();
  const enginePromise = loadEngine();
  const fsPromise = loadFsSdk();
  const run = new Run(req);
  try {
    return await execute(run, req, flags, enginePromise, fsPromise, hooks);
  } catch (e) {
    const desc = e instanceof Error ? e.message : String(e);
    run.metrics.alarm("RexRunnerInternalAlarm", `Internal error: ${desc}`);
    return run.early("INTERNAL_EXCEPTION", `Internal error: ${desc}`);
  }
}

async function execute(
  run: Run,
  req: RunRequest,
  flags: Int32Array | undefined,
  enginePromise: Promise<EngineCtor>,
  fsPromise: Promise<((ctx: SdkContext) => void) | undefined>,
  hooks: RunHooks | undefined,
): Promise<RunResult> {
  // Step 3: inputs.
  const fail = (what: string, path: string, e: unknown) =>
    run.early("COMMUNICATION_EXCEPTION", `Failed to load input files: ${what}: ${path}: ${(e as Error).message}`);
  let script: string;
  try {
    script = req.stdinText ? decodeUtf8(req.stdinText) : readText(req.script);
  } catch (e) {
    if (e instanceof InputError) return fail("Failed to read script file", req.script, e);
    throw e;
  }
  let policyText = "";
  if (req.policy !== undefined) {
    try {
      policyText = readText(req.policy);
    } catch (e) {
      if (e instanceof InputError) return fail("Failed to read policy file", req.policy, e);
      throw e;
    }
  }
  // §2 step 3: every file is read (typed, then plain) before any argument source is parsed.
  const sources: [string, string, typeof parseTypedArgs][] = [];
  for (const [path, parse] of [
    [req.args, parseTypedArgs],
    [req.argsJson, parsePlainArgs],
  ] as const) {
    if (path === undefined) continue;
    try {
      sources.push([path, readText(path), parse]);
    } catch (e) {
      if (e instanceof InputError) return fail("Failed to read script arguments file", path, e);
      throw e;
    }
  }
  const args = new Map<string, Value>();
  for (const [path, text, parse] of sources) {
    try {
      for (const [k, v] of parse(text)) {
        args.delete(k);
        args.set(k, v);
      }
    } catch (e) {
      if (e instanceof ArgsError) return fail("Failed to parse script arguments JSON", path, e);
      throw e;
    }
  }
  for (const [k, v] of req.argList) {
    args.delete(k);
    args.set(k, v);
  }
  if (req.auditOut !== undefined) {
    try {
      checkWritableDir(req.auditOut);
    } catch (e) {
      if (e instanceof InputError) return fail("Cannot write audit record", req.auditOut, e);
      throw e;
    }
  }
  for (const k of args.keys())
    if (!isValidIdentifier(k)) run.diagnostics.push(`rex: warning: argument '${k}' is not a valid identifier; the script cannot refer to it`);

  traceMark("inputs read");
  // Steps 6–7 are prepared early (engine, compilation) to overlap Cedar's wasm compile; their
  // errors are reported only after the policy and argument checks, in the order of §2.
  const monitor = new Monitor(flags, req.limits.timeout, req.limits.maxMemory, !/^(true|1)$/i.test(process.env.REX_RUNNER_DISABLE_MONITORING ?? ""));
  const user = effectiveUserName();
  const denialTexts = new Set<string>();
  let authorizer: RexAuthorizer | undefined;
  let currentLine = 0;
  const Engine = await enginePromise;
  const L = req.limits;
  const engine = new Engine({
    strictVariables: true,
    disabledSymbols: ["eval"],
    limits: {
      maxOperations: L.maxOperations,
      maxCallLevels: L.maxCallDepth,
      maxExprDepth: L.maxExprDepth,
      maxFunctionExprDepth: L.maxFunctionExprDepth,
      maxStringSize: L.maxStringSize,
      maxArraySize: L.maxArraySize,
      maxMapSize: L.maxMapSize,
    },
    onPrint: (text, pos) => run.logs.add("INFO", text, pos?.line ?? 0),
    onDebug: (text, pos) => run.logs.add("DEBUG", text.replace(/^"+|"+$/g, ""), pos?.line ?? 0),
    progress: monitor.progress,
    ...moduleOptions(req.stdinText ? undefined : req.script, () => fsCtx),
  });
  setHostFormatter(typeNameFormatter(engine.registry));
  registerLogFunctions(engine.registry, (level, message, line) => run.logs.add(level, message, line));
  registerMetricBuilders(engine.registry, {
    publishMetric: (name, value, unit, dims) => {
      const i = run.scriptMetrics.findIndex((m) => m.name === name);
      const m = { name, value, unit, dims, at: now() };
      if (i >= 0) run.scriptMetrics[i] = m;
      else run.scriptMetrics.push(m);
    },
    publishAlarm: (type, details) => run.scriptAlarms.push({ type, details }),
  });
  const authProxy = {
    get user() {
      return user;
    },
    isAllowed: (r: Parameters<RexAuthorizer["isAllowed"]>[0]) => authorizer!.isAllowed(r),
    denialMessage: (r: Parameters<RexAuthorizer["denialMessage"]>[0]) => {
      const t = authorizer!.denialMessage(r);
      denialTexts.add(t);
      return t;
    },
  };
  const registerFs = await fsPromise;
  const fsCtx: SdkContext = {
    registry: engine.registry,
    authorizer: authProxy,
    log: (level, message) => run.logs.add(level, message, currentLine),
    internalError: (description) => run.metrics.alarm("RexRunnerInternalAlarm", description),
  };
  if (registerFs) registerFs(fsCtx);

  traceMark("engine ready");
  monitor.start();
  let program: ReturnType<EngineLike["compile"]> | undefined;
  let compileError: ParseError | undefined;
  try {
    program = engine.compile(script, [...args.keys()]);
  } catch (e) {
    if (e instanceof ParseError) compileError = e;
    else if (e instanceof RhaiError) compileError = new ParseError(e.message, e.pos);
    else throw e;
  }

  traceMark("script compiled");
  // Step 4: the policy.
  const cedar = await loadCedar();
  traceMark("cedar ready");
  let loaded;
  try {
    loaded = parsePolicy(cedar, policyText);
  } catch (e) {
    if (e instanceof PolicyParseError) return run.early("INTERNAL_EXCEPTION", `Failed to create Rhai engine: ${e.message}`);
    throw e;
  }
  traceMark("policy parsed");
  if (hooks?.deferPolicyValidation && !req.strictPolicy) hooks.deferred = { at: run.diagnostics.length, text: policyText };
  else {
    const problems = loaded.validate();
    traceMark("policy validated");
    const errors = problems.filter((p) => p.severity === "error");
    if (req.strictPolicy && errors.length) {
      for (const p of problems) run.diagnostics.push(`rex: policy ${p.severity}: ${problemText(p)}`);
      return run.early("VALIDATION_EXCEPTION", `Policy validation failed: ${errors.map(problemText).join("; ")}`);
    }
    for (const p of problems) run.diagnostics.push(`rex: policy warning: ${problemText(p)}`);
  }
  authorizer = new RexAuthorizer(cedar, loaded.setId, user, {
    audit: req.audit,
    onAuditDeny: (rec, text) => run.logs.add("WARN", text, rec.line, rec.api || undefined, true),
  });
  if (req.audit) run.logs.add("WARN", "AUDIT_MODE enabled: authorization denials are recorded and allowed", 0, undefined, true);

  // Step 5: nesting depth.
  const deep = firstTooDeep(args);
  if (deep !== undefined) {
    const msg = depthMessage(deep);
    run.metrics.alarm("RexRunnerScriptArgumentValidationFailure", msg);
    run.metrics.count("RexRunnerScriptArgumentValidationFailureCount", "FailureCount");
    return run.early("VALIDATION_EXCEPTION", msg);
  }

  // Step 7: compilation result.
  monitor.baseline();
  let output = "";
  let failure: { type: ErrorType; message: string } | undefined;
  if (compileError || !program) {
    const e = compileError!;
    const msg = errorMessage(e, engine.registry, L);
    run.metrics.alarm("RexRunnerScriptCompilationFailure", `Failed to compile script: ${msg.replace(/^Syntax error: /, "")}`);
    run.metrics.count("RexRunnerScriptCompilationFailureCount", "FailureCount");
    failure = { type: "SCRIPT_EXCEPTION", message: msg };
  } else {
    // Step 8: evaluation.
    const t0 = performance.now();
    monitor.sample();
    try {
      const value = engine.run(program, args);
      output = hostDisplay(value);
    } catch (e) {
      failure = classify(e, engine, L, denialTexts);
    } finally {
      closeFsResources(fsCtx);
    }
    traceMark("script evaluated");
    run.metrics.duration("RexRunnerScriptExecutionTime", Math.round((performance.now() - t0) * 1e6));
  }

  // Step 9: process metrics, then the script's metrics and alarms (after the name checks).
  if (monitor.monitoring) {
    const [cpu, rss, vsz] = monitor.usage();
    run.metrics.metric("RexRunnerProcessCpuUsage", cpu, "PERCENT", [["MetricInfo", "ProcessMonitoring"]]);
    if (rss !== undefined) run.metrics.metric("RexRunnerProcessRssMemoryUsageAverage", rss, "MEGABYTES", [["MetricInfo", "ProcessMonitoring"]]);
    if (vsz !== undefined)
      run.metrics.metric("RexRunnerProcessVirtualMemoryUsageAverage", vsz, "MEGABYTES", [["MetricInfo", "ProcessMonitoring"]]);
  }
  const badMetric = run.scriptMetrics.find((m) => m.name.toLowerCase().startsWith("rex"));
  if (badMetric) {
    const d = `Invalid metric name '${badMetric.name}': Script metrics cannot start with Rex`;
    run.metrics.alarm("RexRunnerScriptExecutionFailure", d);
    return run.early("SCRIPT_EXCEPTION", `Script metric validation failed: ${d}`);
  }
  // §2 step 9: the metrics are merged before the alarm types are checked, so an alarm-type
  // abort carries the script's metrics (what was recorded so far).
  for (const m of run.scriptMetrics) run.metrics.metric(m.name, m.value, m.unit, m.dims, m.at);
  const badAlarm = run.scriptAlarms.find((a) => a.type.toLowerCase().startsWith("rex"));
  if (badAlarm) {
    const d = `Invalid alarm type '${badAlarm.type}': Script alarms cannot start with Rex`;
    run.metrics.alarm("RexRunnerScriptExecutionFailure", d);
    return run.early("SCRIPT_EXCEPTION", `Script alarm validation failed: ${d}`);
  }
  for (const a of run.scriptAlarms) run.metrics.alarm(a.type, a.details);

  // Step 10: classification metrics.
  if (!failure) run.metrics.count("RexRunnerScriptExecutionSuccessCount", "SuccessCount");
  else if (failure.type === "ACCESS_DENIED_EXCEPTION") {
    run.metrics.alarm("RexRunnerPrivilegeEscalation", `Failed to execute script: ${failure.message}`);
    run.metrics.count("RexRunnerPrivilegeEscalationCount", "FailureCount");
  } else if (failure.type === "SCRIPT_EXCEPTION") {
    run.metrics.alarm("RexRunnerScriptExecutionFailure", `Failed to execute script: ${failure.message}`);
    run.metrics.count("RexRunnerScriptExecutionFailureCount", "FailureCount");
  }
  return run.finish(output, failure, authorizer);
}

function classify(e: unknown, engine: EngineLike, L: RunRequest["limits"], denialTexts: Set<string>): { type: ErrorType; message: string } {
  if (e instanceof RhaiError) {
    const message = errorMessage(e, engine.registry, L);
    const denied = !isLimitOrTermination(e) && isDenied(e, denialTexts);
    return { type: denied ? "ACCESS_DENIED_EXCEPTION" : "SCRIPT_EXCEPTION", message };
  }
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return { type: "SCRIPT_EXCEPTION", message: `Stack overflow [limit: --max-call-depth=${L.maxCallDepth}]` };
  throw e;
}
