/**
 * The JBullet physics backend: {@link io.factorytwin.physics.JBulletPhysics} and its
 * {@link io.factorytwin.physics.PhysicsSettings}. No JBullet or vecmath type appears in this
 * package's signatures; the engine lives in {@code internal}.
 */
package io.factorytwin.physics;
