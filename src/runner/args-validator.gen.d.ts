// Types of the generated ajv standalone validator (args-validator.gen.js).
export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export declare const validate: ((data: unknown) => boolean) & { errors?: AjvError[] | null };
export default validate;
