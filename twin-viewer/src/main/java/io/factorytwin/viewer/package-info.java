/**
 * See a run: a self-contained HTML replay of a layout in 3D.
 *
 * <p>A host records a run with a {@link io.factorytwin.viewer.ReplayRecorder} (called after each
 * step; it keeps one frame per frame period), adds what it wants overlaid (other
 * {@link io.factorytwin.viewer.Track}s such as the plant's own measurements,
 * {@link io.factorytwin.viewer.PredictedTrack}s with their uncertainty bands, and
 * {@link io.factorytwin.viewer.ReplayEvent}s such as guard verdicts), and writes one HTML file with
 * {@link io.factorytwin.viewer.ReplayPage}. The file carries three.js (bundled in this jar at build
 * time) and the run as JSON, so it opens offline in any browser with WebGL: play, pause, scrub,
 * predicted against actual, zones highlighted while a body is inside, events marked on the
 * timeline. docs/viewer.md describes the page and the data format.
 *
 * <p>Units as everywhere in FactoryTwin: metres, seconds, unit quaternions (w, x, y, z), Z up.
 * The module depends on twin-core only.
 */
package io.factorytwin.viewer;
