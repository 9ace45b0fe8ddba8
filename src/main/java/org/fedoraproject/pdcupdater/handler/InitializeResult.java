package org.fedoraproject.pdcupdater.handler;

/** What an initialize run did: how many source items it looked at and how many PDC writes it made. */
public record InitializeResult(String handler, long examined, long written) {
}
