/**
 * The residual world model on ND4J: the residual-predictor SPI of twin-core implemented with
 * ensembles of small MLPs. Depends on twin-core only, never on twin-physics (the build's enforcer
 * rule and the architecture test check it). Its classes arrive with the calibration issue.
 */
package io.factorytwin.model;
