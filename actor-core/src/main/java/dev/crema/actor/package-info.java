/**
 * Crema's API: {@link dev.crema.actor.ActorSystem} to start, {@link dev.crema.actor.Addr} to send,
 * {@link dev.crema.actor.Actor} and {@link dev.crema.actor.ActorContext} to write actors,
 * {@link dev.crema.actor.Registry}, {@link dev.crema.actor.DeadLetters} and the settings types.
 */
package dev.crema.actor;
