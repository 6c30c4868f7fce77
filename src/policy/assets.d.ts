// Module declarations for the files rex embeds with Bun import attributes.
declare module "*.wasm" {
  const path: string;
  export default path;
}
declare module "*.cedarschema" {
  const text: string;
  export default text;
}
