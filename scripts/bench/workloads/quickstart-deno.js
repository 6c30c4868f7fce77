// The quick-start's work in Deno: write a file in /tmp and read it back.
const path = "/tmp/" + "rex-hello-world";
Deno.writeTextFileSync(path, "Hello from REX!\n");
console.log(Deno.readTextFileSync(path).trimEnd());
