const m = new Map();
for (let i = 0; i < 40000; i++) m.set(`key${i}`, i);
export const result = String(m.size);
