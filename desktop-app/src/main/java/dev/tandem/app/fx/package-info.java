/** The single hop onto the JavaFX thread ({@link dev.tandem.app.fx.FxThread}). */
package dev.tandem.app.fx;
