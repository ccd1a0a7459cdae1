/**
 * JSON the server writes on its hot paths, by streaming instead of through trees; byte-for-byte
 * the same as the protocol's reference codec ({@code dev.tandem.protocol}), which still reads
 * everything.
 */
package dev.tandem.server.json;
