// Opens a stancegraph HTML view in headless Chromium and reports, as JSON
// on standard output, what a person would see: console errors, the nodes
// and edges drawn, the details shown after clicking a node, and what the
// filters, the time slider and the search change.
//
//   node view.mjs FILE.html [--click ID] [--uncheck RELATION] [--slider INDEX]
//                 [--topic TOPIC] [--coalition N] [--search TEXT] [--screenshot FILE.png]
//                 [--size WxH] [--zooms N] [--play N]
//
// --play N presses Play at the fast speed and samples what is drawn at every
// step until the player stops by itself at the end, or after N steps: the
// slider, the date shown, the edges drawn, and a hash of the canvas's
// pixels. The page runs on Playwright's fake clock, advanced one step of
// the player at a time, so that a slow machine samples the same steps as a
// fast one.
// --zooms N scrolls the wheel N times over the middle of the network and
// reports how long each redraw took (drawMs), for the benchmark.
//
// Chromium is /usr/bin/chromium unless CHROMIUM says otherwise.
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const file = args.shift();
const opts = {};
while (args.length) {
  const key = args.shift().replace(/^--/, "");
  opts[key] = args.shift();
}
const [width, height] = (opts.size || "1280x800").split("x").map(Number);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const result = { errors: [], dialogs: [], requests: [] };
try {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on("console", (m) => {
    if (m.type() === "error") result.errors.push(m.text());
  });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("dialog", async (d) => {
    result.dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) result.requests.push(r.url());
  });
  // Time flows as usual until the play test pauses it.
  if (opts.play) await page.clock.install();
  const started = Date.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.stancegraphView && window.stancegraphView.frames > 0);
  result.loadMs = Date.now() - started;
  // Milliseconds from navigation to the first drawing of the network.
  result.firstDrawMs = await page.evaluate(() => window.stancegraphView.firstDrawMs);
  const view = () => page.evaluate(() => ({ nodes: window.stancegraphView.drawnNodes, edges: window.stancegraphView.drawnEdges }));
  const frames = () => page.evaluate(() => window.stancegraphView.frames);
  // Waits until the view has drawn again after an action.
  const settle = async (before) => {
    await page.waitForFunction((n) => window.stancegraphView.frames > n, before);
  };
  result.initial = await view();
  result.data = await page.evaluate(() => {
    const d = JSON.parse(document.getElementById("sg-data").textContent);
    return { nodes: d.nodes.length, edges: d.edges.length, labels: d.nodes.map((n) => n.label) };
  });
  result.title = await page.title();
  if (opts.click) {
    const at = await page.evaluate((id) => window.stancegraphView.screenOf(id), opts.click);
    const before = await frames();
    await page.mouse.click(at.x, at.y);
    await settle(before);
    result.details = await page.locator("#details").innerText();
    result.heading = await page.locator("#details h2").innerText();
    result.quotes = await page.locator("#details blockquote").allInnerTexts();
  }
  if (opts.uncheck) {
    const before = await frames();
    await page.locator(`#relations input[value="${opts.uncheck}"]`).uncheck();
    await settle(before);
    result.unchecked = await view();
  }
  if (opts.topic) {
    const before = await frames();
    await page.locator("#topic").selectOption(opts.topic);
    await settle(before);
    result.topic = await view();
  }
  if (opts.coalition) {
    result.coalitionOptions = await page.locator("#coalition option").allInnerTexts();
    result.legend = await page.locator("#legend-items").innerText();
    const before = await frames();
    await page.locator("#coalition").selectOption(opts.coalition);
    await settle(before);
    result.coalition = await view();
  }
  if (opts.slider) {
    result.sliderVisible = await page.locator("#slider").isVisible();
    const before = await frames();
    await page.locator("#slider").fill(opts.slider);
    await settle(before);
    result.slid = await view();
    result.sliderDate = await page.locator("#date").innerText();
  }
  if (opts.play) {
    result.playVisible = await page.locator("#play").isVisible();
    await page.locator("#speed").selectOption("200");
    const sample = () =>
      page.evaluate(() => {
        const url = document.getElementById("canvas").toDataURL();
        let h = 0;
        for (let i = 0; i < url.length; i++) h = (h * 31 + url.charCodeAt(i)) | 0;
        return {
          slider: Number(document.getElementById("slider").value),
          date: document.getElementById("date").textContent,
          edges: window.stancegraphView.drawnEdges,
          canvas: h,
          pressed: document.getElementById("play").getAttribute("aria-pressed"),
        };
      });
    result.beforePlay = await sample();
    const step = 200;
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await page.locator("#play").click();
    // Half a step in: the click's drawing is done, the first tick not yet.
    await page.clock.runFor(step / 2);
    result.samples = [];
    for (;;) {
      result.samples.push(await sample());
      const last = result.samples.at(-1);
      if (last.pressed !== "true" || result.samples.length > Number(opts.play)) break;
      await page.clock.runFor(step);
    }
    result.sliderMax = Number(await page.locator("#slider").getAttribute("max"));
  }
  if (opts.search) {
    await page.locator("#search").fill(opts.search);
    result.hits = await page.locator("#hits li").allInnerTexts();
    if (result.hits.length) {
      const before = await frames();
      await page.locator("#hits li").first().click();
      await settle(before);
      result.searchHeading = await page.locator("#details h2").innerText();
    }
  }
  if (opts.zooms) {
    const box = await page.locator("#canvas").boundingBox();
    const first = await page.evaluate(() => window.stancegraphView.drawMs.length);
    for (let i = 0; i < Number(opts.zooms); i++) {
      const before = await frames();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, i % 2 ? 120 : -120);
      await settle(before);
    }
    result.drawMs = await page.evaluate((n) => window.stancegraphView.drawMs.slice(n), first);
  }
  if (opts.screenshot) {
    // The pointer leaves the canvas, taking its tooltip with it.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: opts.screenshot });
  }
  result.pwned = await page.evaluate(() => window.__pwned === true);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result) + "\n");
