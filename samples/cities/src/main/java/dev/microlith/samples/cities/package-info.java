/**
 * The cities sample: the 171,075 GeoNames cities in the exported table {@code city},
 * with search by name, the nearest cities to a point, and per-country statistics.
 */
package dev.microlith.samples.cities;
