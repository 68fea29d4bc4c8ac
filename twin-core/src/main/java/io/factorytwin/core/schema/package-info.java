/** Named channels with units: the vocabulary shared by state, actions, telemetry and models. */
package io.factorytwin.core.schema;
