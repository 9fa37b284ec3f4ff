/**
 * A live picture of an actor system: {@link dev.crema.actor.inspect.SystemSnapshot}, from
 * {@link dev.crema.actor.ActorSystem#inspect()}.
 */
package dev.crema.actor.inspect;
