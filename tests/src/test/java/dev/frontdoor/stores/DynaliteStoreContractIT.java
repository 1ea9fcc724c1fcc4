package dev.frontdoor.stores;

import dev.frontdoor.infra.local.LocalDynamoDb;
import java.util.Optional;

/** The store contracts on dynalite, the local runtime's engine (in memory, fresh per class). */
class DynaliteStoreContractIT extends StoreContract {

  @Override
  String engineName() {
    return "dynalite";
  }

  @Override
  Engine startEngine() {
    LocalDynamoDb engine = LocalDynamoDb.start(0, Optional.empty());
    return new Engine(engine.endpoint(), engine);
  }
}
