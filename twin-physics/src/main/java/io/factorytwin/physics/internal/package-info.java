/**
 * The JBullet world, FactoryTwin's collision algorithms registered in JBullet's dispatcher, and the
 * contact solver. Not part of the public API.
 */
package io.factorytwin.physics.internal;
