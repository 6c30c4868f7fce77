let x = 1_000_000;
while (x > 0) {
  x -= 1;
}
export const result = String(x);
