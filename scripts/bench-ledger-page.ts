// Times the ledger page as a browser gets it (server render included): signs in as the office,
// then requests /tasks with filters N times. Prints median and p95; asserts nothing.
// Run against a started portal: node_modules/.bin/tsx scripts/bench-ledger-page.ts [baseUrl]
const base = process.argv[2] ?? "http://localhost:3000";
const runs = 20;

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...value] = pair!.split("=");
    jar.set(name!, value.join("="));
  }
}
const header = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

const jar = new Map<string, string>();
const csrf = await fetch(`${base}/api/auth/csrf`);
cookiesOf(csrf, jar);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
  method: "POST",
  redirect: "manual",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: header(jar) },
  body: new URLSearchParams({ csrfToken, username: "office", password: process.env.BENCH_PASSWORD ?? "Qinghu@2026", json: "true" }),
});
cookiesOf(signIn, jar);

const cases = ["/tasks", "/tasks?light=RED", "/tasks?light=RED,YELLOW&sort=lag&dir=desc&size=100", "/tasks?q=%E6%94%B9%E9%9D%A9"];
console.log(`ledger page benchmark against ${base}, ${runs} requests per case\n`);
console.log("case".padEnd(58), "median ms".padStart(10), "p95 ms".padStart(8));
for (const path of cases) {
  const times: number[] = [];
  for (let run = 0; run < runs + 2; run++) {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { Cookie: header(jar) } });
    await response.text();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    if (run >= 2) times.push(performance.now() - started); // two warm-up requests
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  console.log(path.padEnd(58), at(0.5).toFixed(1).padStart(10), at(0.95).toFixed(1).padStart(8));
}
export {};
