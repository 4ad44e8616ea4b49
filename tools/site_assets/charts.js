// Draws the charts that the course's notebooks store as plotly JSON (the site's pages and slides keep each one in a
// <script type="application/json" class="course-chart-data"> beside an empty <div class="course-chart">), with the
// site's one local copy of plotly.js. Nothing is fetched from the network.
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
      if (location.protocol === "file:" && figure.data.some(trace => /map$/.test(trace.type || ""))) {
        // Chromium refuses the map library's worker on a page opened as a file: say so instead of a silent blank.
        const note = document.createElement("p");
        note.className = "course-map-note";
        note.textContent = "This map is drawn only when the site is served (for example: python -m http.server -d site, then " +
          "open http://localhost:8000): a browser opening the page as a file refuses the map's worker.";
        script.after(note);
      }
      Plotly.newPlot(target, figure.data, figure.layout, config)
        .then(() => requestAnimationFrame(() => Plotly.Plots.resize(target)));
    }
  },
};
