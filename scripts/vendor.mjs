// Copies the pinned front-end libraries from node_modules into static/vendor/ and builds the
// European country boundaries (static/vendor/europe.geojson) from world-atlas, so that running the
// platform needs neither Node nor a CDN. Run through `make vendor`; the output is committed.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const out = "static/vendor";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const files = {
  "@picocss/pico/css/pico.min.css": "pico/pico.min.css",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
  "leaflet/dist/leaflet.js.map": "leaflet/leaflet.js.map",
  "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
  "leaflet/dist/images": "leaflet/images",
  "leaflet.markercluster/dist/leaflet.markercluster.js": "leaflet.markercluster/leaflet.markercluster.js",
  "leaflet.markercluster/dist/leaflet.markercluster.js.map": "leaflet.markercluster/leaflet.markercluster.js.map",
  "leaflet.markercluster/dist/MarkerCluster.css": "leaflet.markercluster/MarkerCluster.css",
  "leaflet.markercluster/dist/MarkerCluster.Default.css": "leaflet.markercluster/MarkerCluster.Default.css",
  "chart.js/dist/chart.umd.min.js": "chart.js/chart.umd.min.js",
  // Source maps: the minified files reference them, and the production static files storage
  // (a hashed manifest) refuses a reference to a missing file.
  "chart.js/dist/chart.umd.min.js.map": "chart.js/chart.umd.min.js.map",
};
for (const [src, dest] of Object.entries(files)) {
  cpSync(`node_modules/${src}`, `${out}/${dest}`, { recursive: true });
}
const licenses = {
  "@picocss/pico/LICENSE.md": "pico",
  "htmx.org/LICENSE": "htmx",
  "leaflet/LICENSE": "leaflet",
  "leaflet.markercluster/MIT-LICENCE.txt": "leaflet.markercluster",
  "chart.js/LICENSE.md": "chart.js",
  "world-atlas/LICENSE": "world-atlas",
};
mkdirSync(`${out}/licenses`, { recursive: true });
for (const [src, name] of Object.entries(licenses)) {
  cpSync(`node_modules/${src}`, `${out}/licenses/${name}.LICENSE`);
}

// European countries by ISO 3166-1 numeric code (the ids world-atlas uses).
const europe = new Set([
  "008", "020", "040", "056", "070", "100", "112", "191", "196", "203", "208", "233", "246", "250",
  "276", "300", "348", "352", "372", "380", "428", "438", "440", "442", "470", "492", "498", "499",
  "528", "578", "616", "620", "642", "674", "688", "703", "705", "724", "752", "756", "804", "807",
  "826", "-99",
]);
// Overseas parts (French Guiana, Canary Islands' far west aside, Svalbard's north) would stretch the
// map: keep only the polygons whose first point lies in a box around Europe.
const inEurope = ([lon, lat]) => lon > -25 && lon < 45 && lat > 34 && lat < 72;
const round = (ring) => ring.map(([lon, lat]) => [Math.round(lon * 1000) / 1000, Math.round(lat * 1000) / 1000]);

const topo = JSON.parse(readFileSync("node_modules/world-atlas/countries-50m.json", "utf8"));
const countries = feature(topo, topo.objects.countries).features
  .filter((f) => europe.has(f.id) || (f.id === undefined && f.properties.name === "Kosovo"))
  .map((f) => {
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    const kept = polygons.filter((p) => inEurope(p[0][0])).map((p) => p.map(round));
    return {
      type: "Feature",
      id: f.id,
      properties: { numeric: f.id ?? null, name: f.properties.name },
      geometry: { type: "MultiPolygon", coordinates: kept },
    };
  })
  .filter((f) => f.geometry.coordinates.length);
writeFileSync(`${out}/europe.geojson`, JSON.stringify({ type: "FeatureCollection", features: countries }));
console.log(`vendored ${Object.keys(files).length} files and ${countries.length} European countries`);
