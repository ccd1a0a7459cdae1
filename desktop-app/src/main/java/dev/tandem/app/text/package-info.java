/** Text services the JDK lets an application replace (a cheaper grapheme iterator for JavaFX's text layout). */
package dev.tandem.app.text;
