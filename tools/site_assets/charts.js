// Draws the charts that the course's notebooks store as plotly JSON (the site's pages and slides keep each one in a
// <script type="application/json" class="course-chart-data"> beside an empty <div class="course-chart">), with the
// site's one local copy of plotly.js. Nothing is fetched from the network.

// Maps on a page opened as a file. plotly hands MapLibre its worker code (an ES module whose one export is its last
// statement, before a licence comment) as a blob URL. Chromium counts the blob as another origin than file:// and
// refuses a module worker from it, so the maps stayed blank. Under file:// only, the worker code is made without its
// final export and its URL is named "*.cjs", which sends MapLibre down its classic-worker path: that works from a file.
// tests/test_site.py::test_maps_draw_from_file_urls fails if a plotly upgrade changes this.
if (location.protocol === "file:") {
  const FINAL_EXPORT = /;?\s*export\s*\{[^}]*\}\s*;?(?=(\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*$)/;  // then only comments
  const PageBlob = window.Blob;
  window.Blob = class extends PageBlob {
    constructor(parts, options) {
      const script = options && options.type === "text/javascript" && parts && parts.length === 1
        && typeof parts[0] === "string" && FINAL_EXPORT.test(parts[0]);
      super(script ? [parts[0].replace(FINAL_EXPORT, ";")] : parts, options);
      this.courseWorker = script;
    }
  };
  const createObjectURL = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (object) => createObjectURL(object) + (object && object.courseWorker ? "#worker.cjs" : "");
}

window.courseCharts = {
  drawAll(root) {
    for (const script of root.querySelectorAll("script.course-chart-data")) {
      const target = script.previousElementSibling;
      if (target.dataset.drawn) {
        Plotly.Plots.resize(target);  // shown again (a slide): fit it to its container
        continue;
      }
      target.dataset.drawn = "yes";
      const figure = JSON.parse(script.textContent);
      const config = Object.assign({responsive: true, displaylogo: false, showSendToCloud: false}, figure.config);
      // Fitted once more after the browser has laid the page (or the slide just shown) out.
      Plotly.newPlot(target, figure.data, figure.layout, config)
        .then(() => requestAnimationFrame(() => Plotly.Plots.resize(target)));
    }
  },
};
