// Policy validation on the main thread while the worker runs the script (docs/cold-start.md).
// Without --strict-policy, validation only produces warnings, so it need not delay the
// script: the worker only parses the policy (syntax errors still stop the run in the order
// of runner.md §2) and tells where the warnings belong; the main thread validates the same
// text with its own Cedar instance (sharing the compiled module) and inserts the lines.

import { loadCedar } from "../policy/cedar.ts";
import { PolicyParseError, needsCedarValidation, parsePolicy, problemText } from "../policy/load.ts";
import { readText } from "./inputs.ts";
import { traceMark } from "./startup-trace.ts";

/** The diagnostics lines of a policy text (empty when it does not parse: the worker reports that). */
async function warningLines(text: string): Promise<string[]> {
  if (text === "" || !needsCedarValidation(text)) return [];
  const cedar = await loadCedar();
  try {
    const problems = parsePolicy(cedar, text).validate();
    return problems.map((p) => `rex: policy warning: ${problemText(p)}`);
  } catch (e) {
    if (e instanceof PolicyParseError) return [];
    throw e;
  }
}

export class PolicyCheck {
  private readonly early: Promise<{ text: string; lines: string[] } | undefined>;

  /** Start validating the policy file now (when the compiled module is ready). */
  constructor(path: string | undefined) {
    let text: string | undefined;
    if (path !== undefined) {
      try {
        text = readText(path);
      } catch {
        // unreadable: the worker reports it
      }
    }
    this.early =
      text === undefined
        ? Promise.resolve(undefined)
        : warningLines(text).then(
            (lines) => {
              traceMark("policy validated");
              return { text: text!, lines };
            },
            () => undefined,
          );
  }

  /** The warning lines for the text the worker parsed (re-validated if the file changed in between). */
  async linesFor(text: string): Promise<string[]> {
    const e = await this.early;
    if (e && e.text === text) return e.lines;
    return warningLines(text);
  }
}
