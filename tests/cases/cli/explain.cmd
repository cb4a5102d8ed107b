explain stage.safety-check
