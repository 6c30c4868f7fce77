// Helper for cedar-slim.test.ts: a thread initialised with the authorize-only module (as the
// script worker is) answers requests through parsePolicy + RexAuthorizer.
import { expectCedarModule, loadCedar, provideCedarModule } from "../../src/policy/cedar.ts";
import { RexAuthorizer } from "../../src/policy/authorizer.ts";
import { PolicyParseError, parsePolicy } from "../../src/policy/load.ts";
import type { AuthzRequest } from "../../src/sdk/context.ts";

declare const self: Worker;

self.onmessage = async (ev: MessageEvent) => {
  const { module, policy, requests } = ev.data as { module: WebAssembly.Module; policy: string; requests: AuthzRequest[] };
  expectCedarModule();
  provideCedarModule(module);
  const cedar = await loadCedar();
  try {
    const parsed = parsePolicy(cedar, policy);
    const auth = new RexAuthorizer(cedar, parsed.setId, "ops");
    self.postMessage({ decisions: requests.map((r) => auth.isAllowed(r)), count: parsed.count });
  } catch (e) {
    self.postMessage({ error: e instanceof PolicyParseError ? e.message : String(e) });
  }
};
