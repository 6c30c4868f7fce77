const n = 1_000_000;
const sieve = new Array(n + 1).fill(true);
sieve[0] = false;
sieve[1] = false;
for (let i = 2; i * i <= n; i++) {
  if (sieve[i]) {
    for (let j = i * i; j <= n; j += i) sieve[j] = false;
  }
}
let count = 0;
for (const b of sieve) if (b) count += 1;
export const result = String(count);
