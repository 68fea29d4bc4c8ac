/**
 * Layouts in code: {@link io.factorytwin.core.layout.LayoutBuilder} (editable) and
 * {@link io.factorytwin.core.layout.Layout} (compiled, immutable, shared across threads).
 */
package io.factorytwin.core.layout;
