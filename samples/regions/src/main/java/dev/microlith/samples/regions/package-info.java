/**
 * The regions sample: the GeoNames first-level administrative divisions of each country,
 * served over HTTP as an outside service would serve them.
 */
package dev.microlith.samples.regions;
