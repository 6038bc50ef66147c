/**
 * Finding and choosing a backend. {@link dev.backprop.backend.Backends} is the door for users;
 * {@link dev.backprop.backend.BackendRegistry} is the plain object behind it that loads the
 * {@link dev.backprop.spi.BackendProvider}s with {@link java.util.ServiceLoader} and applies the
 * selection rules of {@link dev.backprop.backend.SelectionRule}.
 */
package dev.backprop.backend;
