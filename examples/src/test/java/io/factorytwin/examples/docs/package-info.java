/** The docs' code: snippets that are not part of an example live in tests here, and the check that keeps docs and code in step. */
package io.factorytwin.examples.docs;
